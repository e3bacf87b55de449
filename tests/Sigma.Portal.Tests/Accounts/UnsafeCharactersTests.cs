using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>The rule behind every way an account is created or changed (<see cref="AccountCreator.Problem"/>).</summary>
public sealed class UnsafeCharactersTests
{
    [Theory]
    [InlineData(0x00)]
    [InlineData(0x09)]
    [InlineData(0x0A)]
    [InlineData(0x0D)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x85)]
    [InlineData(0x061C)]
    [InlineData(0x200E)]
    [InlineData(0x200F)]
    [InlineData(0x202A)]
    [InlineData(0x202B)]
    [InlineData(0x202C)]
    [InlineData(0x202D)]
    [InlineData(0x202E)]
    [InlineData(0x2066)]
    [InlineData(0x2067)]
    [InlineData(0x2068)]
    [InlineData(0x2069)]
    [Trait("Attack", "HostileInput")]
    public void Account_WithAControlOrBidiCharacterInAnyField_IsRefusedNamingTheField(int codePoint)
    {
        var c = ((char)codePoint).ToString();
        var valid = new NewAccount { Email = "jan@test.example", DisplayName = "Jan de Vries", AccountType = AccountType.Employer, Organisation = "Bakkerij BV", Language = "nl" };

        Assert.Null(AccountCreator.Problem(valid));
        Assert.Equal("Account.EmailUnsafeCharacters", AccountCreator.Problem(valid with { Email = "jan" + c + "@test.example" }));
        Assert.Equal("Account.NameUnsafeCharacters", AccountCreator.Problem(valid with { DisplayName = "Jan" + c + " de Vries" }));
        Assert.Equal("Account.OrganisationUnsafeCharacters", AccountCreator.Problem(valid with { Organisation = "Bakkerij " + c + "BV" }));
    }

    [Theory]
    [InlineData("Émile Zoë Ünal-O'Brien")]
    [InlineData("Łukasz Żółć")]
    [InlineData("محمد العلي")]
    [InlineData("עדי כהן")]
    [InlineData("张伟")]
    [InlineData("Anna 👩‍💻 de Beheerder")]
    public void Account_WithLettersOfAnyLanguage_IsAccepted(string name)
    {
        var account = new NewAccount { Email = "naam@test.example", DisplayName = name, AccountType = AccountType.Employer, Organisation = name + " BV", Language = "nl" };

        Assert.False(UnsafeCharacters.AnyIn(name));
        Assert.Null(AccountCreator.Problem(account));
    }
}
