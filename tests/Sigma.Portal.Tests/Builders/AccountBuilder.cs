using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.Tests.Builders;

/// <summary>
/// Makes a unique account through the portal's own services, with valid defaults, so a test names only what it cares
/// about: <c>await new AccountBuilder(app).AsEmployer().ActivatedAsync(ct)</c>.
/// </summary>
public sealed class AccountBuilder(PortalFactory app)
{
    private string? _email;
    private string _name = "Jan de Vries";
    private AccountType _type = AccountType.Employee;
    private string? _organisation;
    private string _language = "nl";

    // Unique, and read as the person's own ("jan.de.vries-…@test.example"), which the user guide's pictures turn into
    // jan.de.vries@voorbeeld.nl. The name part is kept short: an address's local part may not pass 64 characters.
    private string Email => _email ??= $"{NamePart()}-{Guid.NewGuid():N}@test.example";

    public static string NewPassword() => $"zonnige {Guid.NewGuid():N} dinsdag";

    public AccountBuilder WithEmail(string email)
    {
        _email = email;
        return this;
    }

    public AccountBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    public AccountBuilder AsEmployer(string organisation = "Bakkerij Test BV")
    {
        _type = AccountType.Employer;
        _organisation = organisation;
        return this;
    }

    public AccountBuilder AsAdministrator()
    {
        _type = AccountType.Administrator;
        return this;
    }

    public AccountBuilder InEnglish()
    {
        _language = "en";
        return this;
    }

    private string NamePart()
    {
        var words = string.Join('.', System.Text.RegularExpressions.Regex.Matches(_name.ToLowerInvariant(), "[a-z]+").Select(m => m.Value));
        return words.Length == 0 ? "person" : words[..Math.Min(words.Length, 24)].TrimEnd('.');
    }

    /// <summary>Invited: the account exists, its activation email is queued.</summary>
    public Task<TestAccount> InvitedAsync(CancellationToken ct) => app.WithScopeAsync(async services =>
    {
        var result = await services.GetRequiredService<AccountCreator>().CreateAsync(new NewAccount
        {
            Email = Email,
            DisplayName = _name,
            AccountType = _type,
            Organisation = _organisation,
            Language = _language,
        }, ct);
        Assert.True(result.Created, result.RefusedBecause);
        return new TestAccount
        {
            Id = result.Account!.Id,
            Email = Email,
            DisplayName = _name,
            AccountType = _type,
            ActivationLink = result.ActivationLink!,
        };
    });

    /// <summary>Invited and activated with a password, through the same service the activation page uses.</summary>
    public async Task<TestAccount> ActivatedAsync(CancellationToken ct, string? password = null)
    {
        var account = await InvitedAsync(ct);
        password ??= NewPassword();
        var token = HttpUtility.ParseQueryString(account.ActivationLink.Query)["token"];
        var result = await app.WithScopeAsync(services =>
            services.GetRequiredService<PasswordSetup>().SetAsync(AccountTokenPurpose.Activation, account.Id, token, password, ct));
        Assert.True(result.Succeeded, string.Join(", ", result.PasswordErrors));
        return account with { Password = password };
    }

    /// <summary>Activated, then deactivated by an administrator through the portal's own service.</summary>
    public async Task<TestAccount> DeactivatedAsync(CancellationToken ct)
    {
        var account = await ActivatedAsync(ct);
        var deactivated = await app.WithScopeAsync(services =>
            services.GetRequiredService<AccountDeactivation>().DeactivateAsync(account.Id, administratorId: Guid.NewGuid(), "Uit dienst", ct));
        Assert.True(deactivated);
        return account;
    }

    /// <summary>Activated, with an authenticator set up through the portal's enrolment, as the setup screen does.</summary>
    public async Task<TestAccount> WithAuthenticatorAsync(CancellationToken ct, string? password = null)
    {
        var account = await ActivatedAsync(ct, password);
        return await app.WithScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>().FindByIdAsync(account.Id.ToString());
            var enrolment = services.GetRequiredService<AuthenticatorEnrolment>();
            var setup = await enrolment.PendingAsync(user!, ct);
            var result = await enrolment.ConfirmAsync(user!, TestTotp.CodeAt(setup.ManualKey, app.Clock.GetUtcNow()), replacing: false, ct);
            Assert.True(result.Confirmed);
            return account with { AuthenticatorKey = setup.ManualKey, RecoveryCodes = result.RecoveryCodes! };
        });
    }
}
