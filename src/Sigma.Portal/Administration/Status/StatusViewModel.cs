using Sigma.Portal.Data.Administration;
using Sigma.Portal.Email;

namespace Sigma.Portal.Administration.Status;

/// <summary>The Status page: a glance at sign-ins, email, connections and instances, as read at <see cref="ReadUtc"/>.</summary>
public sealed record StatusViewModel
{
    public required DateTime ReadUtc { get; init; }

    /// <summary>Succeeded sign-ins, failed ones by reason, and lockouts, over the last hour and day (all instances).</summary>
    public required IReadOnlyList<SignInOutcome> SignIns { get; init; }

    public required int LockedAccounts { get; init; }

    public required OutboxBacklog Email { get; init; }

    public required string DatabaseProvider { get; init; }

    public required TimeSpan DatabaseRoundTrip { get; init; }

    public required SmtpCheck.Result Smtp { get; init; }

    public required IReadOnlyList<Instance> Instances { get; init; }

    /// <param name="EventType">SignInSucceeded, SignInFailed or LockedOut.</param>
    /// <param name="Reason">For failures, the audit detail (WrongPassword, WrongCode, ...).</param>
    /// <param name="LastHour">How many in the last hour.</param>
    /// <param name="LastDay">How many in the last 24 hours.</param>
    public sealed record SignInOutcome(string EventType, string? Reason, int LastHour, int LastDay);

    /// <param name="Report">What the instance last reported (this one: as it is now).</param>
    /// <param name="Current">The instance that answered this page.</param>
    /// <param name="Silent">Not heard from for two minutes: stopped, or cut off from the database.</param>
    public sealed record Instance(PortalInstance Report, bool Current, bool Silent);
}
