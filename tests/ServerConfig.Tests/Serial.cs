// Tests change the process's current directory (relative --config paths): run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
