using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Sigma.Portal.Localisation;

/// <summary>Model binding's own messages ("The value '' is invalid.") in the person's language.</summary>
internal sealed class LocalisedBindingMessages(IStringLocalizer<SharedText> text) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueIsInvalidAccessor(_ => text["Binding.Invalid"]);
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => text["Binding.Invalid"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => text["Binding.Invalid"]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["Binding.Invalid"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.Invalid"]);
        messages.SetValueMustBeANumberAccessor(_ => text["Binding.Number"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.Number"]);
        messages.SetValueMustNotBeNullAccessor(_ => text["Binding.Required"]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["Binding.Required"]);
        messages.SetMissingKeyOrValueAccessor(() => text["Binding.Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.Required"]);
    }
}
