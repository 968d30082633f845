using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("not-a-command")]
public sealed class NotACommand;
