namespace Sigma.Portal.TwoFactor;

/// <summary>The account is locked until this moment, already written in Dutch time in the person's language.</summary>
public sealed record LockedOutViewModel(string Until);
