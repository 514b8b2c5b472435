import { bySeq, byCreatedAt, keysetPage, type PageQuery } from './pagination';

/** Ten rows, seq 1 (oldest) to 10 (newest), read the way Prisma would with the helper's arguments. */
const rows = Array.from({ length: 10 }, (_, i) => ({ id: `row_${i + 1}`, seq: BigInt(i + 1) }));

function page(query: PageQuery) {
  const findCursor = jest.fn(async (id: string) => rows.find((row) => row.id === id) ?? null);
  const result = keysetPage(query, bySeq, {
    findCursor,
    findPage: async ({ after, orderBy, take }) => {
      const bound = after?.seq;
      const past = rows.filter((row) => !bound || (bound.lt !== undefined ? row.seq < bound.lt : row.seq > (bound.gt as bigint)));
      const sorted = orderBy.seq === 'desc' ? [...past].reverse() : past;
      return sorted.slice(0, take);
    },
    missing: (id) => `No row ${id} here.`,
  });
  return { result, findCursor };
}

const ids = async (query: PageQuery) => {
  const { data, has_more } = await page(query).result;
  return { ids: data.map((row) => row.id), has_more };
};

describe('keysetPage', () => {
  it('reads newest first, and says whether older rows remain', async () => {
    expect(await ids({ limit: 3 })).toEqual({ ids: ['row_10', 'row_9', 'row_8'], has_more: true });
    expect(await ids({ limit: 10 })).toMatchObject({ has_more: false });
  });

  it('reads the rows older than starting_after, exclusive', async () => {
    expect(await ids({ limit: 3, starting_after: 'row_8' })).toEqual({ ids: ['row_7', 'row_6', 'row_5'], has_more: true });
    expect(await ids({ limit: 3, starting_after: 'row_3' })).toEqual({ ids: ['row_2', 'row_1'], has_more: false });
  });

  it('reads the rows just newer than ending_before, still shown newest first', async () => {
    expect(await ids({ limit: 3, ending_before: 'row_2' })).toEqual({ ids: ['row_5', 'row_4', 'row_3'], has_more: true });
    expect(await ids({ limit: 3, ending_before: 'row_8' })).toEqual({ ids: ['row_10', 'row_9'], has_more: false });
  });

  it('answers the list envelope', async () => {
    expect(await page({ limit: 1 }).result).toMatchObject({ object: 'list', data: [{ id: 'row_10' }] });
  });

  it('refuses both cursors at once on ending_before, before looking either up', async () => {
    const { result, findCursor } = page({ limit: 3, starting_after: 'row_8', ending_before: 'row_2' });
    await expect(result).rejects.toMatchObject({
      code: 'validation_failed',
      context: { errors: { ending_before: ['Use either starting_after or ending_before, not both.'] } },
    });
    expect(findCursor).not.toHaveBeenCalled();
  });

  it.each(['starting_after', 'ending_before'] as const)('refuses an unknown %s cursor on that field', async (field) => {
    await expect(page({ limit: 3, [field]: 'row_nope' }).result).rejects.toMatchObject({
      code: 'validation_failed',
      context: { errors: { [field]: ['No row row_nope here.'] } },
    });
  });
});

describe('byCreatedAt', () => {
  it('breaks ties of created_at by id', () => {
    const createdAt = new Date('2025-01-01T00:00:00Z');
    expect(byCreatedAt.after({ id: 'fax_b', createdAt }, 'lt')).toEqual({
      OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: 'fax_b' } }],
    });
    expect(byCreatedAt.orderBy('asc')).toEqual([{ createdAt: 'asc' }, { id: 'asc' }]);
  });
});
