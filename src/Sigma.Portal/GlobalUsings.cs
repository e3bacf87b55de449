// What every layer of the web app may use, being below all of it: the data model, EF Core and options, and the
// infrastructure's data, hosting, security and telemetry parts. Features are still imported file by file, so each file
// shows which features it builds on (tests/Sigma.Portal.Tests/Architecture).
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Options;
global using Sigma.Portal.Data;
global using Sigma.Portal.Data.Accounts;
global using Sigma.Portal.Infrastructure.Data;
global using Sigma.Portal.Infrastructure.Hosting;
global using Sigma.Portal.Infrastructure.Security;
global using Sigma.Portal.Infrastructure.Telemetry;
