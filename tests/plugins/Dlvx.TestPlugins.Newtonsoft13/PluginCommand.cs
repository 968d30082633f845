namespace Dlvx.TestPlugins.Newtonsoft;

/// <summary>This plugin's command name: the twins must not claim the same one.</summary>
internal static class PluginCommand
{
    public const string Name = "newtonsoft-13";
}
