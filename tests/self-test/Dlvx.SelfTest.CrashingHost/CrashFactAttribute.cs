namespace Dlvx.SelfTest.CrashingHost;

/// <summary>A fact that runs only in test.sh's self-test; anywhere else it is reported as skipped, with the reason.</summary>
internal sealed class CrashFactAttribute : FactAttribute
{
    /// <summary>Set to 1 by test.sh when it runs this fixture.</summary>
    public const string Switch = "DLVX_SELF_TEST_CRASH";

    public CrashFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1")
        {
            Skip = $"kills its own test host; runs only in test.sh's self-test ({Switch}=1)";
        }
    }
}
