namespace Velocitas.Data.Entities;

/// <summary>A strategy a user wrote in the Lab: a name and its immutable versions.</summary>
public sealed class UserStrategyEntity
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>Catalogue key (<c>my-sma</c>); a version runs as <c>my-sma@3</c>.</summary>
    public required string Key { get; set; }

    /// <summary>Display name.</summary>
    public required string Name { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its last version was saved or it was renamed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Every saved version, oldest first.</summary>
    public List<UserStrategyVersionEntity> Versions { get; set; } = [];
}

/// <summary>One saved version of a user strategy: never changed after it is written.</summary>
public sealed class UserStrategyVersionEntity
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>The strategy it belongs to.</summary>
    public int UserStrategyId { get; set; }

    /// <summary>1, 2, 3...</summary>
    public int Number { get; set; }

    /// <summary>The C# source.</summary>
    public required string Source { get; set; }

    /// <summary>Name of the class deriving from Strategy.</summary>
    public required string ClassName { get; set; }

    /// <summary>When it was saved.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
