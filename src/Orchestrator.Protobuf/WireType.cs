namespace Orchestrator.Protobuf;

/// <summary>The protobuf wire types; groups (3, 4) are deprecated and Kubernetes never writes them.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
