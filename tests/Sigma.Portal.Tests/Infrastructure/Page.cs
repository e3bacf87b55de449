using System.Net;
using AngleSharp.Html.Dom;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>A page as the browser received it.</summary>
public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document, string Html)
{
    public HttpStatusCode Status => Response.StatusCode;

    public Uri Url => Response.RequestMessage!.RequestUri!;

    public string Title => Document.Title ?? "";

    public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";

    public bool Has(string selector) => Document.QuerySelector(selector) is not null;
}
