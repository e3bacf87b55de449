using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Sigma.Portal.Tests.Architecture;

/// <summary>
/// Operations alert and search on event ids (docs/operations.md): two messages sharing one id would make an alert on one
/// fire for the other, so every id the portal logs with is its own.
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void LogMessages_EachHaveTheirOwnEventId()
    {
        var messages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");

        Assert.NotEmpty(messages);
        Assert.Empty(shared);
    }
}
