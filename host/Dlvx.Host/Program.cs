using Dlvx.Host.Cli;

return await DlvxCommandLine.RunAsync(args);
