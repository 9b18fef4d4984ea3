namespace BenchCluster.Gguf.Forge;

/// <summary>
/// The per-frequency divisors of Llama 3 RoPE scaling, as llama.cpp expects them in rope_freqs.weight: wavelengths
/// shorter than original_context/high_freq_factor stay (1), longer than original_context/low_freq_factor are divided
/// by the factor, and the band between blends smoothly.
/// </summary>
internal static class Llama3RopeFactors
{
    public static float[] Compute(Llama3RopeScaling scaling, int headDimension, double ropeTheta)
    {
        var lowFrequencyWavelength = scaling.OriginalContextLength / scaling.LowFrequencyFactor;
        var highFrequencyWavelength = scaling.OriginalContextLength / scaling.HighFrequencyFactor;
        var factors = new float[headDimension / 2];
        for (var i = 0; i < factors.Length; i++)
        {
            var frequency = 1.0 / Math.Pow(ropeTheta, 2.0 * i / headDimension);
            var wavelength = 2 * Math.PI / frequency;
            if (wavelength < highFrequencyWavelength)
            {
                factors[i] = 1f;
            }
            else if (wavelength > lowFrequencyWavelength)
            {
                factors[i] = (float)scaling.Factor;
            }
            else
            {
                var smooth = (scaling.OriginalContextLength / wavelength - scaling.LowFrequencyFactor)
                    / (scaling.HighFrequencyFactor - scaling.LowFrequencyFactor);
                factors[i] = (float)(1.0 / ((1 - smooth) / scaling.Factor + smooth));
            }
        }
        return factors;
    }
}
