using Microsoft.Extensions.Localization;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Email;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Accounts;

/// <summary>
/// The emails of the account journey, each in the account's own language, queued in the caller's unit of work. Each
/// subject names the account ("Werknemer", "Werkgever, Bouwbedrijf De Vries"): a person with two accounts on one
/// address gets two activations and two resets, and must tell them apart in the inbox.
/// </summary>
public sealed class AccountEmails(
    OutboxWriter outbox,
    EmailRenderer renderer,
    AccountLinks links,
    DisplayTexts display,
    IStringLocalizer<AccountsText> text,
    IStringLocalizer<SharedText> shared,
    IStringLocalizer<EmailText> email,
    IOptions<AccountsOptions> options,
    TimeProvider time)
{
    public void QueueActivation(PortalUser user, string token)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = CultureScope.For(user.PreferredLanguage);
        Queue(user, new EmailContent
        {
            Kind = "Activation",
            Subject = text["Email.Activation.Subject", display.AccountKind(user.AccountType, user.Organisation)],
            Greeting = email["Email.Greeting", user.DisplayName],
            Paragraphs = [text["Email.Activation.Intro", shared["AccountType." + user.AccountType]]],
            Details =
            [
                new(text["Email.LoginName"], user.Email!),
                new(text["Email.AccountType"], shared["AccountType." + user.AccountType]),
            ],
            Action = new(text["Email.Activation.Button"], links.Activation(user.Id, token)),
            Closing =
            [
                text["Email.Activation.Next"],
                text["Email.Activation.Expiry", display.Duration(options.Value.ActivationLinkLifetime)],
            ],
        });
    }

    public void QueuePasswordReset(PortalUser user, string token)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = CultureScope.For(user.PreferredLanguage);
        Queue(user, new EmailContent
        {
            Kind = "PasswordReset",
            Subject = text["Email.Reset.Subject", display.AccountKind(user.AccountType, user.Organisation)],
            Greeting = email["Email.Greeting", user.DisplayName],
            Paragraphs = [text["Email.Reset.Intro", shared["AccountType." + user.AccountType]]],
            Details = [new(text["Email.LoginName"], user.Email!)],
            Action = new(text["Email.Reset.Button"], links.PasswordReset(user.Id, token)),
            Closing =
            [
                text["Email.Reset.Expiry", display.Duration(options.Value.PasswordResetLinkLifetime)],
                text["Email.Reset.NotYou"],
            ],
        });
    }

    public void QueuePasswordChanged(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = CultureScope.For(user.PreferredLanguage);
        Queue(user, new EmailContent
        {
            Kind = "PasswordChanged",
            Subject = text["Email.Changed.Subject", display.AccountKind(user.AccountType, user.Organisation)],
            Greeting = email["Email.Greeting", user.DisplayName],
            Paragraphs =
            [
                text["Email.Changed.Intro", shared["AccountType." + user.AccountType], display.Moment(time.GetUtcNow().UtcDateTime)],
                text["Email.Changed.Sessions"],
            ],
            Action = new(text["Email.SignIn"], links.Login()),
            Closing = [text["Email.Changed.NotYou"]],
        });
    }

    private void Queue(PortalUser user, EmailContent content) =>
        outbox.Queue(renderer.Render(content, user.Email!, user.DisplayName));
}
