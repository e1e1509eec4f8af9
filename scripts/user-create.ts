import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { parseEnvironment } from '../src/infrastructure/config/app-config';
import { ConfigurationError } from '../src/infrastructure/config/configuration-error';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { Body } from '../src/modules/bodies/body.entity';
import { isRole, Role, ROLES } from '../src/modules/identity/role';
import { hashPassword } from '../src/modules/identity/password-hasher';
import { RoleAssignment } from '../src/modules/identity/role-assignment.entity';
import { User } from '../src/modules/identity/user.entity';
import { normaliseUsername } from '../src/modules/identity/users.service';
import { startRuntime } from '../src/runtime';

const USAGE = `usage: npm run user:create -- --username NAME --body "Kreis Recklinghausen" --role clerk [--role auditor]
                           [--display-name "Name"] [--email a@b.de]   (password from RATSWEG_PASSWORD or stdin)
roles: ${ROLES.join(', ')} (operator: the deployment's cross-body system operator; no body admin can grant it)`;

/** Creates a user for a real deployment (the demo users exist in demo mode only). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      body: { type: 'string' },
      role: { type: 'string', multiple: true },
      'display-name': { type: 'string' },
      email: { type: 'string' },
    },
  });
  const roles = values.role ?? [];
  if (!values.username || !values.body || roles.length === 0) throw new UsageError(USAGE);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new UsageError(`unknown role(s): ${unknown.join(', ')}`);
  const password = process.env.RATSWEG_PASSWORD ?? (await readStdin());
  if (password.length < 12) throw new UsageError('the password must have at least 12 characters');

  const runtime = await startRuntime(parseEnvironment(process.env));
  const dataSource = new DataSource(dataSourceOptions(runtime.config.databaseUrl));
  try {
    await dataSource.initialize();
    await dataSource.transaction(async (manager) => {
      const body = await manager.findOne(Body, { where: [{ name: values.body! }, { shortName: values.body! }] });
      if (!body) throw new UsageError(`no body named "${values.body}"`);
      const username = normaliseUsername(values.username!);
      if (await manager.findOne(User, { where: { username } })) throw new UsageError(`user "${username}" exists already`);
      const user = await manager.save(
        manager.create(User, {
          username,
          displayName: values['display-name'] ?? username,
          email: values.email ?? null,
          passwordHash: await hashPassword(password),
        }),
      );
      await manager.save(roles.map((role) => manager.create(RoleAssignment, { userId: user.id, bodyId: body.id, role: role as Role })));
      console.log(`created user ${username} in ${body.name} with roles ${roles.join(', ')}`);
    });
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await runtime.stop();
  }
}

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return input.replace(/\r?\n$/, '');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigurationError) console.error(error.message);
  else console.error(`user:create failed: ${(error as Error).message}`);
  process.exit(1);
});
