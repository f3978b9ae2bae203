import { mount } from '../ui/mount';
import './options.css';
import { Options } from './Options';

void mount(() => <Options />, 'optionsTitle');
