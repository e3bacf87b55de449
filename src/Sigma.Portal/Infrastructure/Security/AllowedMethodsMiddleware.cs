namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// The portal uses GET, HEAD and POST only. Every other method (TRACE, PUT, DELETE, made-up ones) is answered 405 before
/// it reaches anything else, still with the security headers.
/// </summary>
public sealed class AllowedMethodsMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD, POST";
        return Task.CompletedTask;
    }
}
