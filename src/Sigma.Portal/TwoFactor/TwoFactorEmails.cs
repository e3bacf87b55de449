using Microsoft.Extensions.Localization;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Email;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.TwoFactor;

/// <summary>Notices that the account's second factor changed or was used, in the account's language.</summary>
public sealed class TwoFactorEmails(
    OutboxWriter outbox,
    EmailRenderer renderer,
    AccountLinks links,
    DisplayTexts display,
    IStringLocalizer<TwoFactorText> text,
    IStringLocalizer<SharedText> shared,
    IStringLocalizer<EmailText> email,
    TimeProvider time)
{
    public void QueueSetUp(PortalUser user) => Queue(user, "TwoFactorSetUp", "Email.SetUp");

    public void QueueReplaced(PortalUser user) => Queue(user, "AuthenticatorReplaced", "Email.Replaced");

    public void QueueReset(PortalUser user) => Queue(user, "TwoFactorReset", "Email.Reset");

    public void QueuePasskeyAdded(PortalUser user) => Queue(user, "PasskeyAdded", "Email.PasskeyAdded");

    public void QueuePasskeyRemoved(PortalUser user) => Queue(user, "PasskeyRemoved", "Email.PasskeyRemoved");

    public void QueueRecoveryCodeUsed(PortalUser user, int left) => Queue(user, "RecoveryCodeUsed", "Email.RecoveryUsed", left);

    /// <summary>
    /// Subject "{prefix}.Subject", a first paragraph "{prefix}.Intro" (account type, moment, and the count when there is
    /// one, which then chooses between "{prefix}.Intro.One" and ".Other") and "{prefix}.NotYou".
    /// </summary>
    private void Queue(PortalUser user, string kind, string prefix, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = CultureScope.For(user.PreferredLanguage);
        var content = new EmailContent
        {
            Kind = kind,
            Subject = text[prefix + ".Subject", display.AccountKind(user.AccountType, user.Organisation)],
            Greeting = email["Email.Greeting", user.DisplayName],
            Paragraphs = [text[count is { } n ? PluralText.Key(prefix + ".Intro", n) : prefix + ".Intro", shared["AccountType." + user.AccountType], display.Moment(time.GetUtcNow().UtcDateTime), (object?)count ?? ""]],
            Action = new(text["Email.SignIn"], links.Login()),
            Closing = [text[prefix + ".NotYou"]],
        };
        outbox.Queue(renderer.Render(content, user.Email!, user.DisplayName));
    }
}
