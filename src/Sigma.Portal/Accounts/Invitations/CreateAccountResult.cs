namespace Sigma.Portal.Accounts.Invitations;

/// <summary>The account and its first activation link, or the resource key of the reason it was refused.</summary>
public sealed record CreateAccountResult
{
    public PortalUser? Account { get; init; }

    public Uri? ActivationLink { get; init; }

    public string? RefusedBecause { get; init; }

    public bool Created => Account is not null;

    public static CreateAccountResult Refused(string reasonKey) => new() { RefusedBecause = reasonKey };
}
