const requestIDHeader = "X-Request-Id"
var traceID = "b5b70c645f1d3d8f61c83beee3032094"
var spanID = "243d393b0984f343"
