namespace Dlvx.PluginRuntime.Commands;

/// <summary>Links one plugin's commands into their tree: each sub-command to its parent, by the parent's class.</summary>
internal static class CommandTree
{
    /// <summary>
    /// Attaches every command that names a parent (<see cref="Sdk.CommandAttribute.Parent"/>, or the older
    /// several-word name) to that parent, which gives it its full name.
    /// </summary>
    /// <param name="commands">All commands of one plugin.</param>
    /// <exception cref="InvalidOperationException">A parent is not a command of the plugin, or parents form a cycle.</exception>
    public static void Link(IReadOnlyList<CommandDescriptor> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var byType = commands.ToDictionary(c => c.Type);
        var linked = new HashSet<CommandDescriptor>();
        foreach (var command in commands)
        {
            Attach(command, byType, linked, []);
        }

        // The older form: "heap-stats diff" is a sub-command of the plugin's "heap-stats", if it has one.
        var byName = commands.Where(c => c.ParentType is null).ToDictionary(c => c.DeclaredName, StringComparer.Ordinal);
        foreach (var command in commands.Where(c => c.ParentType is null && c.DeclaredName.Contains(' ', StringComparison.Ordinal)))
        {
            if (byName.TryGetValue(command.DeclaredName[..command.DeclaredName.LastIndexOf(' ')], out var parent))
            {
                command.AttachTo(parent);
            }
        }
    }

    private static void Attach(CommandDescriptor command, Dictionary<Type, CommandDescriptor> byType, HashSet<CommandDescriptor> linked, HashSet<CommandDescriptor> path)
    {
        if (command.ParentType is not { } parentType || linked.Contains(command))
        {
            return;
        }

        if (!path.Add(command))
        {
            throw new InvalidOperationException($"{command.Type.FullName}: its Parent chain comes back to it; sub-commands must form a tree");
        }

        if (!byType.TryGetValue(parentType, out var parent))
        {
            throw new InvalidOperationException($"{command.Type.FullName}: its Parent {parentType.FullName} is not a command of this plugin");
        }

        // A parent gets its own full name before its sub-commands take theirs from it.
        Attach(parent, byType, linked, path);
        command.AttachTo(parent);
        linked.Add(command);
    }
}
