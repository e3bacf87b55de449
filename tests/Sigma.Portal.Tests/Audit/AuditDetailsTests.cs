using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Audit;
using Sigma.Portal.Localisation;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Audit;

/// <summary>What the audit trail records as codes, people read as prose in their language; free text stays as written.</summary>
public sealed class AuditDetailsTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("nl", "SignInFailed", "WrongPassword", "Verkeerd wachtwoord")]
    [InlineData("nl", "SignInFailed", "LockedOut", "Account is tijdelijk geblokkeerd")]
    [InlineData("nl", "SignInSucceeded", "mfa", "Met wachtwoord en code")]
    [InlineData("nl", "LockedOut", "00:15:00", "Voor 15 minuten")]
    [InlineData("nl", "LockedOut", "01:00:00", "Voor 1 uur")]
    [InlineData("nl", "RecoveryCodeUsed", "9 left", "Nog 9 herstelcodes over")]
    [InlineData("nl", "RecoveryCodeUsed", "1 left", "Nog 1 herstelcode over")]
    [InlineData("nl", "AccountCreated", "Employee", "Werknemer")]
    [InlineData("nl", "ApplicationChanged", "loonstroken: disabled", "loonstroken: uitgeschakeld")]
    [InlineData("nl", "ApplicationRefused", "Loonstroken: Refused.AccountType", "Loonstroken: niet voor deze soort account")]
    [InlineData("nl", "AccountUpdated", "Type: Employee -> Employer; Organisation:  -> Bouwbedrijf De Vries; Language: nl -> en",
        "Soort: Werknemer → Werkgever; organisatie: geen → Bouwbedrijf De Vries; taal: Nederlands → English")]
    [InlineData("en", "SignInFailed", "WrongCode", "Wrong code")]
    [InlineData("en", "RecoveryCodeUsed", "2 left", "2 recovery codes left")]
    [InlineData("nl", "TwoFactorReset", "Telefoon verloren", "Telefoon verloren")]
    [InlineData("nl", "SignInFailed", "SomethingNew", "SomethingNew")]
    public void Detail_IsReadAsProse(string language, string eventType, string detail, string expected)
    {
        using var scope = CultureScope.For(language);

        Assert.Equal(expected, app.Services.GetRequiredService<AuditDetails>().Describe(eventType, detail));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome op Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge op Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari op iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet op Android")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox op macOS")]
    [InlineData("curl/8.5.0", "Onbekend apparaat")]
    [InlineData(null, "Onbekend apparaat")]
    public void Device_IsTheBrowserAndTheSystem(string? userAgent, string expected)
    {
        using var scope = CultureScope.For("nl");

        Assert.Equal(expected, app.Services.GetRequiredService<DisplayTexts>().Device(userAgent));
    }

    [Theory]
    [InlineData("::1", "Deze computer")]
    [InlineData("127.0.0.1", "Deze computer")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData(null, "Onbekend")]
    public void Address_OfThisComputer_IsSaidInWords(string? address, string expected)
    {
        using var scope = CultureScope.For("nl");

        Assert.Equal(expected, app.Services.GetRequiredService<DisplayTexts>().Address(address));
    }
}
