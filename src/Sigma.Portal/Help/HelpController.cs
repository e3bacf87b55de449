using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Help;

/// <summary>The help centre: an index with search and the articles, readable by everyone; comments by signed-in people.</summary>
[Route("help")]
public sealed class HelpController(ArticleStore store, ArticleSearch search, HelpComments comments, IAuthorizationService authorization) : Controller
{
    private const string Notice = "Help.Notice";

    [AllowAnonymous]
    [HttpGet("")]
    public IActionResult Index(string? q)
    {
        var query = q?.Trim() is { Length: > 0 and <= 200 } text ? text : null;
        return View("Help", new HelpIndexViewModel(query, query is null ? store.All(Language) : search.Find(query, Language)));
    }

    [AllowAnonymous]
    [HttpGet("{slug}")]
    public async Task<IActionResult> Article(string slug, CancellationToken ct) =>
        await ArticleViewAsync(slug, TempData[Notice] as string, ct) is { } view ? view : NotFound();

    [HttpPost("{slug}/comments")]
    public async Task<IActionResult> Comment(string slug, CommentInput input, CancellationToken ct)
    {
        if (store.Find(slug, Language) is null)
        {
            return NotFound();
        }

        var outcome = await comments.PostAsync(slug, User.AccountId(), input.Body, ct);
        if (outcome != HelpComments.Outcome.Posted)
        {
            Response.StatusCode = outcome == HelpComments.Outcome.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return (await ArticleViewAsync(slug, "Comments." + outcome, ct))!;
        }

        TempData[Notice] = "Comments.Posted";
        return Redirect(Url.Action(nameof(Article), new { slug }) + "#comments");
    }

    [HttpPost("comments/{id:long}/delete")]
    public async Task<IActionResult> Delete(long id, CancellationToken ct) =>
        ToArticle(await comments.DeleteOwnAsync(id, User.AccountId(), ct), "Comments.Deleted");

    [Authorize(Policy = PortalPolicies.Administrator)]
    [HttpPost("comments/{id:long}/hide")]
    public async Task<IActionResult> Hide(long id, CancellationToken ct) =>
        ToArticle(await comments.HideAsync(id, User.AccountId(), ct), "Comments.Hidden");

    private static string Language => PortalCultures.Code(CultureInfo.CurrentUICulture);

    private async Task<ViewResult?> ArticleViewAsync(string slug, string? noticeKey, CancellationToken ct)
    {
        if (store.Find(slug, Language) is not { } found)
        {
            return null;
        }

        var signedIn = User.Identity?.IsAuthenticated == true;
        return View("Article", new ArticleViewModel
        {
            Article = found.Article,
            Translated = found.Translated,
            Comments = await comments.ForArticleAsync(slug, signedIn ? User.AccountId() : null, ct),
            NoticeKey = noticeKey,
            CanHide = signedIn && (await authorization.AuthorizeAsync(User, PortalPolicies.Administrator)).Succeeded,
        });
    }

    private IActionResult ToArticle(string? slug, string noticeKey)
    {
        if (slug is null)
        {
            return NotFound();
        }

        TempData[Notice] = noticeKey;
        return Redirect(Url.Action(nameof(Article), new { slug }) + "#comments");
    }
}
