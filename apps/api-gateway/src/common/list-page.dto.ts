import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { ListPage } from './list-query.dto';

/**
 * The schema of a list envelope of `item`s (docs/api/README.md "Pagination"). Extend it with a named class,
 * `class FaxListDto extends ListPageDto(FaxDto) {}`, so the document names the schema.
 */
export function ListPageDto<T>(item: Type<T>, hasMore = 'Whether more items follow in the direction of the page.'): Type<ListPage<T>> {
  class ListPageOf implements ListPage<T> {
    @ApiProperty({ enum: ['list'] })
    object!: 'list';

    @ApiProperty({ type: [item] })
    data!: T[];

    @ApiProperty({ description: hasMore })
    has_more!: boolean;
  }
  return ListPageOf;
}
