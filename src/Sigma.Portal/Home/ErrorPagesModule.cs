namespace Sigma.Portal.Home;

internal static class ErrorPagesModule
{
    /// <summary>
    /// Friendly error pages for everything inside: exceptions (500, or 503 when the database is away), status codes
    /// without a body (404, 403, 405, 429 ...), and a database outage even when the normal page cannot be drawn.
    /// </summary>
    public static WebApplication UsePortalErrorPages(this WebApplication app)
    {
        app.UseMiddleware<DatabaseOutageMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                StatusCodeSelector = exception => DatabaseFaults.IsUnavailable(exception)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
