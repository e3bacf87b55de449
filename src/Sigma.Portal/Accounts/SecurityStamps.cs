using System.Security.Cryptography;

namespace Sigma.Portal.Accounts;

/// <summary>
/// A new security stamp ends every session and half-finished sign-in of the account on its next request, since the
/// stamp is checked on each one.
/// </summary>
public static class SecurityStamps
{
    public static void Renew(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
