using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// Uses the portal as a person does: opens pages, fills in the real forms (antiforgery token included) and follows
/// redirects, keeping its own cookies.
/// </summary>
public sealed class PortalBrowser(HttpClient client, CookieContainer cookies)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    /// <summary>The cookies this browser would send to the portal, as one Cookie header.</summary>
    public string CookieHeader => cookies.GetCookieHeader(client.BaseAddress!);

    /// <summary>Puts a cookie into this browser, as one left behind on a shared computer, or planted there.</summary>
    public void SetCookie(string name, string value) =>
        cookies.Add(client.BaseAddress!, new Cookie(name, value, "/") { Secure = true, HttpOnly = true });

    public async Task<Page> OpenAsync(string url, CancellationToken ct)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), ct);
        return await FollowAsync(response, ct);
    }

    /// <summary>Fills in the form that matches <paramref name="formSelector"/> and submits it.</summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var response = await PostFormAsync(page, formSelector, values, ct);
        return await FollowAsync(response, ct);
    }

    /// <summary>Submits without following the redirect, to look at the response itself.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(Page page, string formSelector, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(values);
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        // What a browser sends: every named field with its current value, unless the test types something else.
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: not ("checkbox" or "radio" or "submit" or "button" or "image" or "reset" or "file") } input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select when select.SelectedOptions.Length > 0:
                    fields.Add(new(name, select.SelectedOptions[0]!.Value));
                    break;
            }
        }

        fields.AddRange(values);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url.PathAndQuery;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), content, ct);
    }

    /// <summary>Uploads a file through a multipart form (the form's other fields and its antiforgery token included).</summary>
    public async Task<Page> UploadAsync(Page page, string formSelector, string field, string fileName, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            body.Add(new StringContent(input.Value), input.Name!);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        body.Add(file, field, fileName);
        var response = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), body, ct);
        return await FollowAsync(response, ct);
    }

    /// <summary>
    /// Follows the portal's redirects to the page they end on. A redirect to another site (an application's redirect
    /// URI) is where a browser would leave the portal: it is not followed, and the page is that redirect itself.
    /// </summary>
    public async Task<Page> FollowAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        for (var hops = 0; IsRedirect(response.StatusCode) && !LeavesPortal(response.Headers.Location!); hops++)
        {
            if (hops == 10)
            {
                throw new InvalidOperationException("Too many redirects.");
            }

            var location = response.Headers.Location!;
            response.Dispose();
            response = await client.GetAsync(location, ct);
        }

        var html = await response.Content.ReadAsStringAsync(ct);
        var document = await Parser.ParseDocumentAsync(html, ct);
        return new Page(response, document, html);
    }

    private bool LeavesPortal(Uri location) =>
        location.IsAbsoluteUri && Uri.Compare(location, client.BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Redirect or HttpStatusCode.RedirectMethod or HttpStatusCode.MovedPermanently
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
