/** Whether sps-tui runs under CI: `CI` set to anything but false or 0, as CI services and vitest read it. */
export const isCI = (env: NodeJS.ProcessEnv = process.env): boolean => Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
