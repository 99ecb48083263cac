namespace Velocitas.Cluster.Grains;

/// <summary>A silo stopped in the middle of a work item: the coordinator runs the item elsewhere.</summary>
[GenerateSerializer]
public sealed class SiloLeavingException : OrleansException
{
    /// <summary>Names the silo and the item.</summary>
    public SiloLeavingException(string message) : base(message)
    {
    }
}
