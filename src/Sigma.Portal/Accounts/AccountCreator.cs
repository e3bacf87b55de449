using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Infrastructure.Data;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Accounts;

/// <summary>
/// Creates an account without a password and invites the person: the account, its activation link and the email are
/// saved together, or not at all. One email may hold one account per type; the unique index decides, so two parallel
/// requests cannot create the same account twice.
/// </summary>
public sealed class AccountCreator(
    PortalDbContext db,
    UserManager<PortalUser> users,
    AccountTokens tokens,
    AccountEmails emails,
    AccountLinks links,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<AccountCreator> logger)
{
    public const int MaxNameLength = 200;

    private static readonly EmailAddressAttribute EmailRule = new();

    public async Task<CreateAccountResult> CreateAsync(NewAccount request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = request.Email.Trim();
        var name = request.DisplayName.Trim();
        var organisation = request.AccountType == AccountType.Employer ? request.Organisation?.Trim() : null;
        var refusal = Validate(email, name, request.AccountType, organisation, request.Language);
        if (refusal is not null)
        {
            return CreateAccountResult.Refused(refusal);
        }

        var normalizedEmail = users.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.AccountType == request.AccountType, ct))
        {
            return CreateAccountResult.Refused("Account.Duplicate");
        }

        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            Email = email,
            NormalizedEmail = normalizedEmail,
            UserName = UserName(email, request.AccountType),
            DisplayName = name,
            AccountType = request.AccountType,
            Organisation = organisation,
            PreferredLanguage = request.Language,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        db.Users.Add(user);
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.Activation, options.Value.ActivationLinkLifetime, ct);
        emails.QueueActivation(user, token);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another request created the same account between the check above and this insert.
            db.ChangeTracker.Clear();
            return CreateAccountResult.Refused("Account.Duplicate");
        }

        AccountsLog.AccountCreated(logger, user.Id, user.AccountType);
        return new CreateAccountResult { Account = user, ActivationLink = links.Activation(user.Id, token) };
    }

    /// <summary>The Identity user name: unique per email and account type; people never see or type it.</summary>
    public static string UserName(string email, AccountType type) =>
        string.Create(CultureInfo.InvariantCulture, $"{type}:{email}").ToLowerInvariant();

    private static string? Validate(string email, string name, AccountType type, string? organisation, string language)
    {
        if (email.Length is 0 or > 256 || !EmailRule.IsValid(email) || email.Any(char.IsWhiteSpace))
        {
            return "Account.InvalidEmail";
        }

        if (name.Length is 0 or > MaxNameLength)
        {
            return "Account.InvalidName";
        }

        if (!Enum.IsDefined(type))
        {
            return "Account.InvalidType";
        }

        if (type == AccountType.Employer && (string.IsNullOrEmpty(organisation) || organisation.Length > MaxNameLength))
        {
            return "Account.OrganisationRequired";
        }

        return PortalCultures.FromCode(language) is null ? "Account.InvalidLanguage" : null;
    }
}
