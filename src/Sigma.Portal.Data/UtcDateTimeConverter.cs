using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sigma.Portal.Data;

/// <summary>
/// Every timestamp is stored as UTC. SQLite returns <see cref="DateTimeKind.Unspecified"/>, which would make the
/// values drift by the server's offset when formatted; this marks them UTC again on the way out.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
