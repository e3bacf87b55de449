using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Audit;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Accounts.Invitations;

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
    AuditTrail audit,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<AccountCreator> logger)
{
    public const int MaxNameLength = 200;

    /// <summary>
    /// The most accounts one address holds: an employee and an employer account. An administrator's address is theirs
    /// alone, so a password step never checks more hashes than this (and <see cref="PasswordSignIn"/> paces every address
    /// to it).
    /// </summary>
    public const int MaxAccountsPerAddress = 2;

    private static readonly EmailAddressAttribute EmailRule = new();

    public async Task<CreateAccountResult> CreateAsync(NewAccount request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Problem(request) is { } refusal)
        {
            return CreateAccountResult.Refused(refusal);
        }

        var normalizedEmail = users.NormalizeEmail(request.Email.Trim());
        var onAddress = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalizedEmail).Select(u => u.AccountType).ToListAsync(ct);
        if ((onAddress.Contains(request.AccountType) ? "Account.Duplicate" : SharedAddressProblem(request.AccountType, onAddress)) is { } taken)
        {
            return CreateAccountResult.Refused(taken);
        }

        var (user, token) = await StageAsync(request, ct);
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

    /// <summary>
    /// Many checked requests at once (a CSV import): one insert per chunk. A chunk that meets an account created
    /// meanwhile (the same file imported twice at once) is retried one by one, skipping what exists.
    /// </summary>
    /// <returns>How many accounts were created, and how many already existed.</returns>
    public async Task<(int Created, int Existing)> CreateManyAsync(IReadOnlyList<NewAccount> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var (created, existing) = (0, 0);
        foreach (var chunk in requests.Chunk(500))
        {
            foreach (var request in chunk)
            {
                await StageAsync(request, ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                created += chunk.Length;
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                db.ChangeTracker.Clear();
                foreach (var request in chunk)
                {
                    var result = await CreateAsync(request, ct);
                    (created, existing) = result.Created ? (created + 1, existing) : (created, existing + 1);
                }
            }

            db.ChangeTracker.Clear();
        }

        return (created, existing);
    }

    /// <summary>
    /// The resource key of what is wrong with the request, or null when it can be created. The one rule for the
    /// console's form, the CSV import, <c>create-admin</c> and the account edit form.
    /// </summary>
    public static string? Problem(NewAccount request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (UnsafeCharacters.AnyIn(request.Email))
        {
            return "Account.EmailUnsafeCharacters";
        }

        if (UnsafeCharacters.AnyIn(request.DisplayName))
        {
            return "Account.NameUnsafeCharacters";
        }

        if (UnsafeCharacters.AnyIn(request.Organisation))
        {
            return "Account.OrganisationUnsafeCharacters";
        }

        var email = request.Email.Trim();
        var name = request.DisplayName.Trim();
        if (email.Length is 0 or > 256 || !EmailRule.IsValid(email) || email.Any(char.IsWhiteSpace))
        {
            return "Account.InvalidEmail";
        }

        if (name.Length is 0 or > MaxNameLength)
        {
            return "Account.InvalidName";
        }

        if (!Enum.IsDefined(request.AccountType))
        {
            return "Account.InvalidType";
        }

        if (request.AccountType == AccountType.Employer
            && (string.IsNullOrWhiteSpace(request.Organisation) || request.Organisation.Trim().Length > MaxNameLength))
        {
            return "Account.OrganisationRequired";
        }

        return PortalCultures.FromCode(request.Language) is null ? "Account.InvalidLanguage" : null;
    }

    /// <summary>The resource key when an account of <paramref name="type"/> may not join the other accounts on its address.</summary>
    public static string? SharedAddressProblem(AccountType type, IReadOnlyCollection<AccountType> others) =>
        others.Count > 0 && (type == AccountType.Administrator || others.Contains(AccountType.Administrator)) ? "Account.AdministratorAddress" : null;

    /// <summary>Adds the account, its first activation link, the invitation email and the audit events to the unit of work.</summary>
    private async Task<(PortalUser User, string Token)> StageAsync(NewAccount request, CancellationToken ct)
    {
        var user = NewUser(request);
        db.Users.Add(user);
        var token = await tokens.IssueFirstAsync(user.Id, AccountTokenPurpose.Activation, options.Value.ActivationLinkLifetime, ct);
        emails.QueueActivation(user, token);
        audit.Record(AuditEventType.AccountCreated, user.Id, user.AccountType.ToString(), request.CreatedBy);
        audit.Record(AuditEventType.InvitationSent, user.Id, actorId: request.CreatedBy);
        return (user, token);
    }

    /// <summary>The account as it is stored before its activation: no password, a fresh security stamp.</summary>
    public PortalUser NewUser(NewAccount request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = request.Email.Trim();
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            Email = email,
            NormalizedEmail = users.NormalizeEmail(email),
            UserName = UserName(email, request.AccountType),
            DisplayName = request.DisplayName.Trim(),
            AccountType = request.AccountType,
            Organisation = request.AccountType == AccountType.Employer ? request.Organisation?.Trim() : null,
            PreferredLanguage = request.Language,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        SecurityStamps.Renew(user);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        return user;
    }

    /// <summary>The Identity user name: unique per email and account type; people never see or type it.</summary>
    public static string UserName(string email, AccountType type) =>
        string.Create(CultureInfo.InvariantCulture, $"{type}:{email}").ToLowerInvariant();

}
