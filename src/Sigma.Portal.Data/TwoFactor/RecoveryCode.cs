namespace Sigma.Portal.Data.TwoFactor;

/// <summary>A one-time recovery code, stored only as a keyed hash.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string CodeHash { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? UsedUtc { get; set; }
}
