using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Ties every field to its error, on every form, so a screen reader reads the problem with the field: the field gets
/// <c>aria-invalid</c> and <c>aria-describedby</c> naming the message's id (beside any hint it already names), the
/// message (<c>asp-validation-for</c>) gets that id. Runs after the framework's own tag helpers.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        var id = ErrorId(name);
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? $"{existing.Value} {id}" : id;
        output.Attributes.SetAttribute("aria-describedby", described);
        output.Attributes.SetAttribute("aria-invalid", "true");
    }

    /// <summary>The id of a field's error message.</summary>
    public static string ErrorId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}

/// <summary>Gives a field's error message the id its field points at (<see cref="FieldErrorTagHelper"/>).</summary>
[HtmlTargetElement("span", Attributes = ForAttribute)]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    private const string ForAttribute = "asp-validation-for";

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("id", FieldErrorTagHelper.ErrorId(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)));
    }
}
