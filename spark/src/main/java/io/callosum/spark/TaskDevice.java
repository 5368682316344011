package io.callosum.spark;

import io.callosum.tensor.Device;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The device a Spark task trains on: the GPU that Spark's resource scheduling assigned to the task
 * ({@code spark.task.resource.gpu.amount=1} with a discovery script on the executors) as {@code cuda:<address>},
 * else the CPU.
 */
final class TaskDevice {
    private TaskDevice() {
    }

    static Device current() {
        TaskContext tc = TaskContext.get();
        if (tc == null) return Device.CPU;
        ResourceInformation gpu = tc.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) return Device.CPU;
        String address = gpu.addresses()[0];
        try {
            return Device.cuda(Integer.parseInt(address.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("TaskDevice: Spark assigned GPU address '" + address
                    + "', not a CUDA device ordinal (check the executors' GPU discovery script)", e);
        }
    }
}
