namespace Velocitas.Engine.Tests;

/// <summary>
/// Tests that register strategies in the process-wide <see cref="Velocitas.Engine.Strategies.StrategyCatalog"/> run
/// alone: other tests list the catalogue (its six built-ins, the trend suggestions over every strategy).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CatalogChanges
{
    /// <summary>The collection's name.</summary>
    public const string Name = "strategy catalogue changes";
}
