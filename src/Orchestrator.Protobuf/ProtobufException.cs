namespace Orchestrator.Protobuf;

/// <summary>A protobuf request body that cannot be turned into JSON, with a message a person can act on.</summary>
public sealed class ProtobufException : Exception
{
    public ProtobufException(string message)
        : base(message)
    {
    }

    public ProtobufException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
