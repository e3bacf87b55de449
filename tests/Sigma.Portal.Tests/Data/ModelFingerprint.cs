using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sigma.Portal.Tests.Data;

/// <summary>
/// What the database mapping of a model is at run time, one line per table, column, key, index and foreign key, so a
/// compiled (read-optimised) model can be compared with the model built from the code: the migrations differ cannot
/// read a compiled model.
/// </summary>
internal static class ModelFingerprint
{
    public static IReadOnlyList<string> Of(IModel model) =>
        [.. model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(Lines)];

    private static IEnumerable<string> Lines(IEntityType entity)
    {
        var table = $"{entity.Name} -> {entity.GetSchema()}.{entity.GetTableName()}";
        yield return table;
        foreach (var property in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            yield return $"{table} column {property.Name}: {property.ClrType.Name} as {property.GetColumnName()} "
                + $"{((RelationalTypeMapping)property.GetTypeMapping()).StoreType} null={property.IsNullable} max={property.GetMaxLength()} "
                + $"converter={property.GetValueConverter()?.GetType().Name} generated={property.ValueGenerated} "
                + $"concurrency={property.IsConcurrencyToken}";
        }

        foreach (var key in entity.GetKeys())
        {
            yield return $"{table} key {Names(key.Properties)} primary={key.IsPrimaryKey()}";
        }

        foreach (var index in entity.GetIndexes().OrderBy(i => i.GetDatabaseName(), StringComparer.Ordinal))
        {
            yield return $"{table} index {index.GetDatabaseName()} {Names(index.Properties)} unique={index.IsUnique} filter={index.GetFilter()}";
        }

        foreach (var foreignKey in entity.GetForeignKeys().OrderBy(k => Names(k.Properties), StringComparer.Ordinal))
        {
            yield return $"{table} foreign key {Names(foreignKey.Properties)} -> {foreignKey.PrincipalEntityType.Name} "
                + $"required={foreignKey.IsRequired} delete={foreignKey.DeleteBehavior}";
        }
    }

    private static string Names(IEnumerable<IProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
