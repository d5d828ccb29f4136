/** The foot of a 流动党员 form: the form's message in red, if any, above its one primary button. */
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/nut'

export function SubmitBar(props: {
  message: string
  messageId: string
  buttonId: string
  label: string
  busy: boolean
  onSubmit: () => void
}) {
  return (
    <>
      {props.message && (
        <Text className="form-error" id={props.messageId}>
          {props.message}
        </Text>
      )}
      <View className="mob__actions">
        <Button type="primary" block loading={props.busy} id={props.buttonId} onClick={props.onSubmit}>
          {props.label}
        </Button>
      </View>
    </>
  )
}
