namespace BenchCluster.Engine.Training;

/// <summary>One epoch's mean cross-entropy per token (nats) on the training and held-out windows, and its wall time.</summary>
public sealed record TrainingEpoch(int Epoch, double TrainLoss, double EvalLoss, double Seconds);
