namespace DpoDesk;

/// <summary>
/// The folder where an embedded setup keeps its state: the SQLite file, the secret of the keyed hashes,
/// and the pickup folders of messages sent with no mail server or SMS gateway.
/// </summary>
public sealed class DataDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string DefaultDatabase => Path.Combine(Root, "dpodesk.db");
    public string SecretFile => Path.Combine(Root, "secrets", "identifier-hash.key");
    public string AuditSecretFile => Path.Combine(Root, "secrets", "audit-chain.key");
    public string MailPickup => Path.Combine(Root, "outbox", "mail");
    public string SmsPickup => Path.Combine(Root, "outbox", "sms");
}
