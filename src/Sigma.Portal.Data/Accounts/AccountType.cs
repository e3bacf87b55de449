namespace Sigma.Portal.Data.Accounts;

/// <summary>The kind of portal account. One person may hold an Employee and an Employer account under one email address.</summary>
public enum AccountType
{
    Employee = 1,
    Employer = 2,
    Administrator = 3,
}
