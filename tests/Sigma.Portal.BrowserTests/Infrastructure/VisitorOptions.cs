namespace Sigma.Portal.BrowserTests.Infrastructure;

public sealed record VisitorOptions
{
    public bool JavaScript { get; init; } = true;

    /// <summary>Run axe and collect console errors on every step; off without JavaScript, where axe cannot run.</summary>
    public bool Checks => JavaScript;
}
