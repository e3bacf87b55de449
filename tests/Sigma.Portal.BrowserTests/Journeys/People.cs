using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Helpers that several journeys share: an administrator in the console, a person who is set up already.</summary>
public static class People
{
    /// <summary>An administrator signed in through the pages with password and code.</summary>
    public static async Task<(Visitor Visitor, TestAccount Account)> AdministratorAsync(BrowserPortal portal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var account = await new AccountBuilder(portal.App).AsAdministrator().WithName("Anna de Beheerder").WithAuthenticatorAsync(ct);
        var visitor = await portal.VisitorAsync("administrator");
        await visitor.StepAsync("admin-sign-in", async _ =>
        {
            await visitor.SignInAsync(account.Email, account.Password!);
            await visitor.EnterCodeAsync(account.AuthenticatorKey!);
        });
        return (visitor, account);
    }

    /// <summary>The activation link of the next email to <paramref name="email"/>, with the email's HTML.</summary>
    public static async Task<(Uri Link, string Html, string Subject)> ActivationEmailAsync(string email, CancellationToken ct)
    {
        var smtp = await Sigma.Portal.Tests.Infrastructure.SmtpSink.Shared;
        var message = await smtp.NextMessageAsync(email, ct);
        return (Sigma.Portal.Tests.Infrastructure.SmtpSink.LinkIn(message, "/Account/Activate"), message.HtmlBody ?? "", message.Subject ?? "");
    }
}
