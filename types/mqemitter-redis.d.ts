// mqemitter-redis ships no types; this is the part Vigil uses.
declare module 'mqemitter-redis' {
  import type { Redis } from 'ioredis'
  interface MQEmitterRedis {
    close(callback: () => void): void
  }
  export default function mqemitterRedis(options: { subConn: Redis; pubConn: Redis }): MQEmitterRedis
}
