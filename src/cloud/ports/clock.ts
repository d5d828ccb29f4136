/** Server time. Times that matter are stamped here, never taken from the client. */
export interface ClockPort {
  now(): number
}
