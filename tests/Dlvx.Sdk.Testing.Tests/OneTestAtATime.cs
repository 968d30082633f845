// These tests count the dlv processes this test host started and set DLVX_GO for the process:
// both need the tests to run one at a time. They are few and quick.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
