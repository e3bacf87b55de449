using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

public sealed class CsvImportTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Import_SemicolonsWithBom_CreatesEveryRowAndQueuesTheInvitations()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var emails = Enumerable.Range(0, 3).Select(i => $"csv{i}-{Guid.NewGuid():N}@test.example").ToList();
        var csv = "email;name;type;organisation;language\n"
            + $"{emails[0]};Jan de Vries;werknemer;;nl\n"
            + $"{emails[1]};Petra Jansen;Werkgever;Bakkerij Jansen BV;en\n"
            + $"{emails[2]};Émile Zoë Ünal;employee;;\n";

        var preview = await UploadAsync(admin, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], ct);
        var done = await admin.Browser.SubmitAsync(preview, "form.confirm-import", new Dictionary<string, string>(), ct);
        var smtp = await SmtpSink.Shared;
        var mails = new List<MimeKit.MimeMessage>();
        foreach (var email in emails)
        {
            mails.Add(await smtp.NextMessageAsync(email, ct));
        }

        Assert.Contains("3 rijen zijn in orde", preview.Text("#valid-heading"), StringComparison.Ordinal);
        Assert.Contains("3 accounts aangemaakt", done.Text(".notice"), StringComparison.Ordinal);
        Assert.Equal("Activate your Sigma Personeelsdiensten account (Employer, Bakkerij Jansen BV)", mails[1].Subject);
        Assert.Contains("Émile Zoë Ünal", mails[2].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CommasWithoutBomAndDutchHeaders_IsReadToo()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var email = $"komma-{Guid.NewGuid():N}@test.example";
        var csv = $"e-mail,naam,soort,organisatie,taal\r\n{email},\"de Vries, Jan\",werkgever,\"Jansen & Zn, BV\",nl\r\n";

        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);

        Assert.Contains("1 rij is in orde", preview.Text("#valid-heading"), StringComparison.Ordinal);
        Assert.Contains("de Vries, Jan", preview.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AddressWithoutADotInItsDomain_IsImportableButFlaggedFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var suffix = Guid.NewGuid().ToString("N");
        var csv = $"email;name;type\nanna-{suffix}@voorbeeld.nl;Anna de Wit;werknemer\nanna-{suffix}@example;Anna de Wit;werknemer\n";

        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);

        Assert.Contains("2 rijen zijn in orde", preview.Text("#valid-heading"), StringComparison.Ordinal);
        Assert.StartsWith("Controleer 1 adres", preview.Text(".import-warnings"), StringComparison.Ordinal);
        Assert.Contains($"3: anna-{suffix}@example — Het domein van dit adres heeft geen punt", preview.Text(".import-warnings li"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RowOnAnAdministratorsAddress_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var csv = $"email;name;type\n{admin.Account.Email};Beheerder Als Werknemer;werknemer\n";

        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);

        Assert.Contains("het e-mailadres van een beheerder hoort bij geen ander account", preview.Text("table.import-problems"), StringComparison.Ordinal);
        Assert.False(preview.Has("#valid-heading"));
    }

    [Fact]
    public async Task Import_BadRows_AreReportedWithTheirRowNumbersAndNotCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var existing = await new AccountBuilder(app).InvitedAsync(ct);
        var good = $"goed-{Guid.NewGuid():N}@test.example";
        var csv = "email;name;type;organisation\n"
            + "geen-email;Jan;werknemer;\n"
            + $"x-{Guid.NewGuid():N}@test.example;Piet;beheerder;\n"
            + $"{existing.Email};Bestaat Al;werknemer;\n"
            + $"{good};Goed;werknemer;\n"
            + $"{good.ToUpperInvariant()};Dubbel;werknemer;\n"
            + $"y-{Guid.NewGuid():N}@test.example;Werkgever Zonder Organisatie;werkgever;\n";

        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);
        var problems = preview.Document.QuerySelectorAll("table.import-problems tbody tr")
            .Select(r => (Row: r.Children[0].TextContent, Problem: r.Children[2].TextContent)).ToList();

        Assert.Equal(["2", "3", "4", "6", "7"], problems.Select(p => p.Row));
        Assert.Contains("geldig e-mailadres", problems[0].Problem, StringComparison.Ordinal);
        Assert.Contains("Onbekend soort", problems[1].Problem, StringComparison.Ordinal);
        Assert.Contains("Er bestaat al een account", problems[2].Problem, StringComparison.Ordinal);
        Assert.Contains("Staat al eerder in het bestand", problems[3].Problem, StringComparison.Ordinal);
        Assert.Contains("organisatie", problems[4].Problem, StringComparison.Ordinal);
        Assert.Contains("1 rij is in orde", preview.Text("#valid-heading"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "HostileInput")]
    public async Task Import_ControlOrBidiCharactersInNamesOrganisationsOrAddresses_AreRefusedRowByRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var run = Guid.NewGuid().ToString("N");
        string Email(string label) => $"{label}-{run}@test.example";
        var good = Email("goed");
        var csv = "email;name;type;organisation\n"
            + $"{Email("nul")}\0;Jan;werknemer;\n"
            + $"{Email("rlm").Replace("@", "\u200F@", StringComparison.Ordinal)};Kees;werknemer;\n"
            + $"{Email("crlf")};\"Jan\r\nde Vries\";werknemer;\n"
            + $"{Email("isolate")};\u2066Piet\u2069;werknemer;\n"
            + $"{Email("tab")};Jan\tJansen;werknemer;\n"
            + $"{Email("override")};Petra;werkgever;Bakkerij \u202Egnikcab\n"
            + $"{good};Zoë Ünal;werkgever;Bakkerij Zoë BV\n";

        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);
        // Each row's problem by the label its address starts with (the page shows a NUL as U+FFFD).
        var problems = preview.Document.QuerySelectorAll("table.import-problems tbody tr")
            .ToDictionary(r => r.Children[1].TextContent.Split('-')[0], r => r.Children[2].TextContent);
        await admin.Browser.SubmitAsync(preview, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);
        var english = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);

        Assert.Equal(["crlf", "isolate", "nul", "override", "rlm", "tab"], problems.Keys.Order());
        Assert.StartsWith("Het e-mailadres bevat een verborgen teken", problems["nul"], StringComparison.Ordinal);
        Assert.StartsWith("Het e-mailadres bevat een verborgen teken", problems["rlm"], StringComparison.Ordinal);
        Assert.StartsWith("De naam bevat een verborgen teken", problems["crlf"], StringComparison.Ordinal);
        Assert.StartsWith("De naam bevat een verborgen teken", problems["isolate"], StringComparison.Ordinal);
        Assert.StartsWith("De naam bevat een verborgen teken", problems["tab"], StringComparison.Ordinal);
        Assert.StartsWith("De organisatie bevat een verborgen teken", problems["override"], StringComparison.Ordinal);
        Assert.Contains("1 rij is in orde", preview.Text("#valid-heading"), StringComparison.Ordinal);
        Assert.Contains("Zoë Ünal", preview.Text("#valid-heading + ul"), StringComparison.Ordinal);
        Assert.Contains("The name contains a hidden character", english.Text("table.import-problems"), StringComparison.Ordinal);
        Assert.Contains("The email address contains a hidden character", english.Text("table.import-problems"), StringComparison.Ordinal);
        Assert.Contains("The organisation contains a hidden character", english.Text("table.import-problems"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email;name;type\n\"onafgesloten;Jan;werknemer\n", "geen geldige CSV")]
    [InlineData("naam;soort\nJan;werknemer\n", "mist een van de kolommen")]
    [InlineData("", "leeg")]
    [InlineData("email;name;type\n", "leeg")]
    public async Task Import_UnreadableFile_IsRefusedWithTheReason(string csv, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);

        var page = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv), ct);

        Assert.Contains(reason, page.Text(".notice--error"), StringComparison.Ordinal);
        Assert.False(page.Has("form.confirm-import"));
    }

    [Fact]
    public async Task Import_NotUtf8_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var latin1 = Encoding.Latin1.GetBytes("email;name;type\nzoe@test.example;Zoë;werknemer\n");

        var page = await UploadAsync(admin, latin1, ct);

        Assert.Contains("UTF-8", page.Text(".notice--error"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "Race")]
    public async Task Import_ConfirmedTwiceAtOnce_CreatesEachAccountOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var emails = Enumerable.Range(0, 30).Select(i => $"race{i}-{Guid.NewGuid():N}@test.example").ToList();
        var csv = Encoding.UTF8.GetBytes("email;name;type\n" + string.Concat(emails.Select(e => $"{e};Naam;werknemer\n")));
        var first = await UploadAsync(admin, csv, ct);
        var second = await UploadAsync(admin, csv, ct);

        var confirms = await Task.WhenAll(
            admin.Browser.PostFormAsync(first, "form.confirm-import", new Dictionary<string, string>(), ct),
            admin.Browser.PostFormAsync(first, "form.confirm-import", new Dictionary<string, string>(), ct),
            admin.Browser.PostFormAsync(second, "form.confirm-import", new Dictionary<string, string>(), ct));
        var pages = await Task.WhenAll(confirms.Select(r => admin.Browser.FollowAsync(r, ct)));
        var counts = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users.AsNoTracking()
            .Where(u => emails.Contains(u.Email!)).GroupBy(u => u.Email).Select(g => g.Count()).ToListAsync(ct));

        Assert.All(confirms, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(pages, p => p.Has(".notice--error"));
        Assert.Equal(30, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    private static async Task<Page> UploadAsync(AdminSession admin, byte[] file, CancellationToken ct)
    {
        var form = await admin.Browser.OpenAsync("/Admin/Invitations/Import", ct);
        return await admin.Browser.UploadAsync(form, "form.upload-form", "file", "invitations.csv", file, ct);
    }
}
