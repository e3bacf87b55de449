namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// A response that is a document the portal did not write (an email's HTML in the development mailbox) says so here,
/// and gets <see cref="SecurityHeadersMiddleware.SandboxedDocumentPolicy"/> instead of the pages' policy: its inline
/// styles show, nothing in it runs, submits or loads from elsewhere, and it has an origin of its own.
/// </summary>
public sealed class SandboxedDocumentFeature;
