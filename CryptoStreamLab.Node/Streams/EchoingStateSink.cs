namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// Publishes this node's stream changes and applies each to the node's own replica of the stream as it is made, so the
/// node never has to read its own changes back from the state topic (its reader skips them: <see cref="Wire.StateOrigin"/>)
/// and still shows a stream it gave up with the history it published.
/// </summary>
internal sealed class EchoingStateSink(IStateSink inner, Action<StateUpdate> local) : IStateSink
{
    public void Publish(StateUpdate update)
    {
        local(update);
        inner.Publish(update);
    }
}
