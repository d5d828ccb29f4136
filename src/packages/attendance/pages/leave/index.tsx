/** Placeholder until its issue lands: replaced by the page itself. */
import { Empty } from '../../../../components/page-state'

export default function Placeholder() {
  return <Empty>此页面正在建设中，请稍后再来</Empty>
}
