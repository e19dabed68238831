import * as tf from '@tensorflow/tfjs';
import { variableFrom } from './network';

/**
 * Adam with state we own. `tf.train.adam` leaves a tensor behind per optimizer (measured
 * with tf.memory() on tfjs 4.22), which adds up over hundreds of retrains in a session.
 */
export class Adam {
  private readonly firstMoments: tf.Variable[];
  private readonly secondMoments: tf.Variable[];
  private steps = 0;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    this.firstMoments = variables.map((v) => variableFrom(tf.zerosLike(v), false));
    this.secondMoments = variables.map((v) => variableFrom(tf.zerosLike(v), false));
  }

  /** Computes the loss and its gradients, applies one update, and returns the loss value. */
  minimize(loss: () => tf.Scalar, rateScale = 1): number {
    this.steps++;
    const correction = Math.sqrt(1 - this.beta2 ** this.steps) / (1 - this.beta1 ** this.steps);
    const stepSize = this.learningRate * rateScale * correction;
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, this.variables);
      this.variables.forEach((variable, i) => {
        const gradient = grads[variable.name];
        const m = this.firstMoments[i];
        const v = this.secondMoments[i];
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2)));
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon)), stepSize)));
      });
      return value.dataSync()[0];
    });
  }

  dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments]);
  }
}
